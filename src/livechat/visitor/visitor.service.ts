import { Inject, Injectable } from '@nestjs/common';
import { RocketChatError } from '../../common/rocketchat-error';
import { appConfig, type AppConfig } from '../../config/app.config';
import { DepartmentRepository } from '../department/department.repository';
import { MessageRepository } from '../message/message.repository';
import { RoomRepository } from '../room/room.repository';
import { RoomService } from '../room/room.service';
import { SettingsRepository } from '../settings/settings.repository';
import type { VisitorInputDto } from './dto/register-visitor.dto';
import {
  TOO_MANY_CUSTOM_FIELDS,
  VisitorRepository,
  type VisitorDocument,
  type VisitorRef,
} from './visitor.repository';

// A custom field key becomes a stored path (livechatData.<key>): no operators, no nesting.
// Rocket.Chat stores only keys defined as custom fields, so such keys are ignored there too.
const STORABLE_KEY = /^[A-Za-z0-9_-]+$/;

@Injectable()
export class VisitorService {
  constructor(
    private readonly visitors: VisitorRepository,
    private readonly rooms: RoomRepository,
    private readonly roomService: RoomService,
    private readonly settings: SettingsRepository,
    private readonly messages: MessageRepository,
    private readonly departments: DepartmentRepository,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  /**
   * POST livechat/visitor: registers or updates the visitor with that token. What a visitor
   * keeps is bounded (VISITOR_MAX_CUSTOM_FIELDS, key and value lengths): beyond, nothing changes.
   */
  async register(input: VisitorInputDto): Promise<VisitorDocument> {
    if (!input.token.trim())
      throw registrationError('error-invalid-token', 'Token cannot be empty');
    const department = input.department && (await this.departmentId(input.department));
    const customFields = input.customFields ?? [];
    this.checkCustomFieldLengths(customFields);
    const { max } = this.config.visitors.customFields;
    const visitor = await this.visitors.register(
      input.token,
      {
        ...(input.name && { name: input.name }),
        ...(input.email && { visitorEmails: [{ address: input.email.trim().toLowerCase() }] }),
        ...(input.phone && { phone: [{ phoneNumber: input.phone }] }),
        ...(department && { department }),
        customFields: customFields.filter(({ key }) => STORABLE_KEY.test(key)),
      },
      async () => input.username || `guest-${await this.settings.nextGuestNumber()}`,
      max,
    );
    if (visitor === TOO_MANY_CUSTOM_FIELDS) {
      throw registrationError(
        'error-too-many-custom-fields',
        `A visitor keeps at most ${max} custom fields`,
      );
    }
    await this.rooms.updateVisitorCopy({ ...visitor, token: input.token });
    return visitor;
  }

  /**
   * A department named by its `_id` or its name is stored by its `_id`, as Rocket.Chat's
   * registerGuest does; an unknown one is refused, so that no visitor makes up a department
   * (a report row, a webhook's departmentId). Looked up at every registration, as Rocket.Chat
   * does.
   */
  private async departmentId(idOrName: string): Promise<string> {
    const id = await this.departments.idOf(idOrName);
    // The newest Rocket.Chat's registerGuest throws a plain Error('error-invalid-department')
    // here, which its REST API answers as `{"success":false,"error":"error-invalid-department"}`
    // (older ones threw a Meteor.Error: docs/api.md, "Deliberate differences from Rocket.Chat").
    if (id === undefined) throw RocketChatError.plain('error-invalid-department');
    return id;
  }

  private checkCustomFieldLengths(fields: NonNullable<VisitorInputDto['customFields']>): void {
    const { keyLength, valueLength } = this.config.visitors.customFields;
    for (const { key, value } of fields) {
      if (longerThan(key, keyLength)) {
        throw registrationError(
          'error-invalid-custom-field',
          `Custom field keys have at most ${keyLength} characters`,
        );
      }
      if (longerThan(value, valueLength)) {
        throw registrationError(
          'error-invalid-custom-field',
          `Custom field values have at most ${valueLength} characters`,
        );
      }
    }
  }

  /**
   * DELETE livechat/visitor/:token (erasure). Refused while the visitor has an open room, as
   * Rocket.Chat does, unless configured to close those rooms first. Rocket.Chat then deletes
   * the rooms and their messages; we delete the messages and keep the rooms anonymised, so
   * reports keep their numbers. No room can be opened for the visitor meanwhile.
   */
  erase(visitor: VisitorRef): Promise<{ _id: string; ts: string }> {
    return this.roomService.whileNoRoomOpens(visitor.token, async () => {
      if ((await this.rooms.listOpenIds(visitor.token)).length > 0) {
        if (!this.config.visitors.eraseClosesOpenRooms) {
          throw RocketChatError.bracketed(
            'visitor-has-open-rooms',
            'Cannot remove visitors with opened rooms',
          );
        }
        await this.roomService.closeAllByVisitor(visitor);
      }
      const rids = await this.rooms.listIdsOfVisitor(visitor._id);
      await this.messages.deleteInRooms(rids);
      await this.rooms.anonymiseVisitorRooms(visitor._id, rids);
      await this.visitors.erase(visitor);
      return { _id: visitor._id, ts: new Date().toISOString() };
    });
  }
}

/** POST visitor's errors, in the shape of Rocket.Chat's own (Meteor.Error with its method). */
function registrationError(errorType: string, message: string): RocketChatError {
  return RocketChatError.bracketed(errorType, message, 400, { method: 'livechat/visitor' });
}

/** Characters as AJV's maxLength counts them (code points, a surrogate pair being one). */
function longerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let count = 0;
  for (const _ of text) if (++count > max) return true;
  return false;
}
